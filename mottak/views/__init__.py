"""Views, split by area: health, accounts/home, deliveries, calendar, ssb (staff pages)."""
