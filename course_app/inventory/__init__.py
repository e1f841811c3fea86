"""The inventory service: products, stock and reservations for orders."""
