"""scripts/pages_server.py, the server of the browser tests, the runtime benchmark and the
audit, on its own: no site build, no browser."""

import socket
import struct
import time
import urllib.request

from scripts.pages_server import PagesServer


def test_a_client_that_leaves_before_the_end_of_a_file_is_no_error(tmp_path, capfd):
    """A browser that leaves a page while a large file comes in closes its connection;
    the server stops sending it, and prints no traceback into the tests' log."""
    (tmp_path / "big.wasm").write_bytes(bytes(range(256)) * (32 * 1024))  # 8 MiB
    (tmp_path / "404.html").write_text("not here")
    server = PagesServer(tmp_path, prefix="/", gzip=False)
    try:
        for _ in range(3):
            with socket.create_connection(server.httpd.server_address) as client:
                client.sendall(b"GET /big.wasm HTTP/1.1\r\nHost: here\r\n\r\n")
                assert client.recv(1024).startswith(b"HTTP/1.0 200")
                # Close at once, with a reset, as a tab does:
                linger = struct.pack("ii", 1, 0)
                client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, linger)
        time.sleep(0.5)  # the server's threads meet the closed connections
        with urllib.request.urlopen(f"{server.url}404.html") as answer:
            assert answer.read() == b"not here"  # and it still serves
    finally:
        server.close()
    err = capfd.readouterr().err
    assert "Traceback" not in err and "Exception occurred" not in err, err
