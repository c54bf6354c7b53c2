"""Pages of the theme consultation: the ballot for focal points, the rest for the secretariat."""
