"""TechZone CRM: a local-first stakeholder CRM for regional triple-helix public affairs."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("techzone-crm")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"
