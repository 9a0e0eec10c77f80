"""The soak benchmark's NATS publisher, a few lines of the NATS text protocol (no nats CLI needed): publish job
messages to JetStream and wait for each PubAck (pub HOST:PORT SUBJECT MSGID FILE [MSGID FILE ...]), or print a
stream's message count per subject (subjects HOST:PORT STREAM)."""
import json, socket, sys, uuid

def connect(addr):
    host, port = addr.rsplit(":", 1)
    sock = socket.create_connection((host, int(port)), timeout=30)
    rd = sock.makefile("rb")
    if not rd.readline().startswith(b"INFO"):
        sys.exit("no INFO from NATS at " + addr)
    sock.sendall(b'CONNECT {"verbose":false,"pedantic":false,"headers":true,"no_responders":true}\r\nPING\r\n')
    inbox = "_INBOX.soak." + uuid.uuid4().hex
    expect(sock, rd, b"PONG")
    sock.sendall(("SUB %s 1\r\n" % inbox).encode())
    return sock, rd, inbox

def expect(sock, rd, what):
    """Reads protocol lines up to one starting with `what` (answering PINGs); returns it with the payload of a MSG."""
    while True:
        line = rd.readline()
        if not line:
            sys.exit("NATS closed the connection")
        if line.startswith(b"PING"):
            sock.sendall(b"PONG\r\n")
        elif line.startswith(b"-ERR"):
            sys.exit("NATS: " + line.decode().strip())
        elif line.startswith(what) or (what == b"MSG" and line.startswith(b"HMSG")):
            data = rd.read(int(line.split()[-1]) + 2)[:-2] if what == b"MSG" else b""
            return line, data

def reply(sock, rd):
    line, data = expect(sock, rd, b"MSG")
    if line.startswith(b"HMSG"):  # a status only, e.g. 503: no stream on the subject
        sys.exit("JetStream did not answer: " + data.decode(errors="replace").splitlines()[0])
    return json.loads(data)

def pub(addr, subject, pairs):
    sock, rd, inbox = connect(addr)
    for msg_id, path in zip(pairs[0::2], pairs[1::2]):
        with open(path, "rb") as f:
            payload = f.read()
        hdr = ("NATS/1.0\r\nNats-Msg-Id: %s\r\n\r\n" % msg_id).encode()
        sock.sendall(("HPUB %s %s %d %d\r\n" % (subject, inbox, len(hdr), len(hdr) + len(payload))).encode()
                     + hdr + payload + b"\r\n")
        ack = reply(sock, rd)
        if "error" in ack:
            sys.exit("JetStream refused %s: %s" % (msg_id, ack["error"]))
        print(msg_id, ack.get("stream"), ack.get("seq"), "duplicate" if ack.get("duplicate") else "")

def subjects(addr, stream):
    sock, rd, inbox = connect(addr)
    body = b'{"subjects_filter": ">"}'
    sock.sendall(("PUB $JS.API.STREAM.INFO.%s %s %d\r\n" % (stream, inbox, len(body))).encode() + body + b"\r\n")
    info = reply(sock, rd)
    for subject, count in sorted((info.get("state", {}).get("subjects") or {}).items()):
        print(subject, count)

if __name__ == "__main__":
    if sys.argv[1] == "pub":
        pub(sys.argv[2], sys.argv[3], sys.argv[4:])
    else:
        subjects(sys.argv[2], sys.argv[3])
