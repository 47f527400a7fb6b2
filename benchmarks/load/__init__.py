"""The Locust load test (`benchmarks/load_test.py`): accounts and data, the journeys, the
driver and the server it talks to."""
