"""Services: every write goes through one of these (HackSoft style, `<entity>_<verb>`)."""
