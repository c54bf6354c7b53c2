"""Date formats per language (FORMAT_MODULE_PATH); a language without a module here
keeps Django's, which already write dates as French and Spanish readers do."""
