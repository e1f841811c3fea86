"""The orders service: orders, their status, and the outbox that announces them."""
