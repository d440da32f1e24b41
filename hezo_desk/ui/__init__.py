"""The Qt client. Widgets ask services for plain data; nothing here builds SQL."""
