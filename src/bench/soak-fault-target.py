"""The soak benchmark's target that misbehaves, chosen by the first path segment of the job's target URL
(http://127.0.0.1:PORT/<mode>/...): hang (accepts, never answers), headers (headers, then nothing), garbage (non-JSON
data: lines), reset (one chunk, then a TCP reset), html (an HTML page), error500 (HTTP 500 with a JSON body), cut
(chunks, then closed before [DONE]). GET /metrics answers text that is not Prometheus. Prints its URL."""
import select, socket, struct, sys, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CHUNK = b'data: {"id":"x","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"tok"}}]}\n\n'

class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        self.answer(200, "text/plain", b"this is { not prometheus\n")

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        mode = self.path.strip("/").split("/")[0]
        if mode == "hang":
            return self.wait_for_close()
        if mode == "html":
            return self.answer(200, "text/html", b"<html><body>It works!</body></html>")
        if mode == "error500":
            return self.answer(500, "application/json", b'{"error": {"message": "engine overloaded"}}')
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.flush()
        if mode == "headers":
            return self.wait_for_close()
        if mode == "garbage":
            self.wfile.write(b"data: {not json at all\n\ndata: \x00\xff\xfe\n\n" * 3)
        elif mode == "reset":
            self.wfile.write(CHUNK)
            self.wfile.flush()
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()  # with linger 0: a reset, not a FIN
        elif mode == "cut":
            self.wfile.write(CHUNK * 3)
        self.close_connection = True

    def answer(self, status, content_type, body):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def wait_for_close(self, limit=300):
        """Holds the connection, sending nothing, until the client closes it (or `limit` seconds)."""
        end = time.monotonic() + limit
        while time.monotonic() < end:
            if select.select([self.connection], [], [], 1)[0] and not self.connection.recv(4096):
                break
        self.close_connection = True

server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
print("fault target at http://127.0.0.1:%d" % server.server_address[1], flush=True)
server.serve_forever()
