"""Views of the reports app: the library, notes and their PDFs, lists of participants."""
