"""The main window's pages: contacts and organisations, each with a detail pane."""
