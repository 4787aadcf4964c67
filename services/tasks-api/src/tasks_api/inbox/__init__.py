"""Every unit's inbox: generic messages (kind, title, link) other features post to."""
