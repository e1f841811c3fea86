"""The users service: accounts, passwords (hashed) and access tokens."""
