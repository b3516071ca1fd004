"""`python -m techzone_crm` behaves like the `techzone-crm` command."""

from techzone_crm.cli import main

raise SystemExit(main())
