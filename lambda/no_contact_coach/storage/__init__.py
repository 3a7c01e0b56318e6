"""The state store port and its adapters (SQLite for local runs, DynamoDB in production)."""
