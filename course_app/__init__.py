"""Testing Microservices: the system under test."""
