"""DynamoDB over real HTTP: moto in server mode, for tests whose requests must really overlap."""

from __future__ import annotations

import socket
import threading
from typing import Any

import boto3
from botocore.config import Config
from moto.server import ThreadedMotoServer

from no_contact_coach.storage import dynamodb
from tests import tables


class AtomicMotoServer(ThreadedMotoServer):
    """moto's server, handling one request at a time.

    moto checks a condition and then stores the item in two Python steps, so two
    threads can both pass the same check: a lost update DynamoDB itself never
    makes (it applies writes to one item one after another). Serialising the
    server keeps that guarantee; the clients still send their requests at once.
    """

    def _server_entry(self) -> None:
        from moto.moto_server.werkzeug_app import (
            DomainDispatcherApplication,
            MotoRequestHandler,
            create_backend_app,
        )
        from werkzeug.serving import make_server

        app = DomainDispatcherApplication(create_backend_app)
        lock = threading.Lock()

        def one_at_a_time(environ: dict[str, Any], start_response: Any) -> Any:
            with lock:
                return list(app(environ, start_response))

        self._server = make_server(
            self._ip_address, self._port, one_at_a_time, True, request_handler=MotoRequestHandler
        )
        self._server_ready_event.set()
        self._server.serve_forever()


def start_server() -> tuple[AtomicMotoServer, str]:
    server = AtomicMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    return server, f"http://{host}:{port}"


def closed_port() -> int:
    """A loopback port nothing listens on: connecting to it is refused at once."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def client(endpoint: str, *, pool: int = 10, read_timeout: float | None = None) -> Any:
    """A client with the production time-outs and retries (optionally a bigger pool)."""
    config = Config(
        connect_timeout=dynamodb.CONNECT_TIMEOUT_S,
        read_timeout=read_timeout or dynamodb.READ_TIMEOUT_S,
        retries={"total_max_attempts": dynamodb.MAX_ATTEMPTS, "mode": "standard"},
        max_pool_connections=pool,
    )
    return boto3.session.Session().client(
        "dynamodb", endpoint_url=endpoint, region_name="us-east-1", config=config
    )


def create_table(dynamo: Any, name: str) -> str:
    return tables.create_table(dynamo, name)
