"""English dates as the organization writes them ("18 February 2010", 24-hour time),
the same in every page and PDF; Django's American default ("Feb. 18, 2010",
"10:40 p.m.") also ended sentences with a double full stop."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday
