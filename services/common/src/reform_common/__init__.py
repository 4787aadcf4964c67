"""Shared kit of the reform platform's Python services.

Settings base, database session kit, the problem+json error model, JWT
verification and role dependencies, the service-to-service HTTP client,
the working-day calendar, request ids and logging, the app factory and the
pytest fixtures. It holds no ORM models and no business rules.
"""
