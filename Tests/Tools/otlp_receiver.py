"""An OTLP/HTTP trace receiver for the integration tests: the real protocol, decoded with the
OpenTelemetry project's own protobuf definitions (the opentelemetry-proto package), so the services'
exporter is checked by code we did not write.

Usage: otlp_receiver.py --port N --out spans.jsonl
Binds 127.0.0.1:N (0 picks a free port), prints "listening PORT" once ready, and appends one JSON
line per received span: service, traceId, spanId, parentSpanId (hex, "" for a root), name, kind,
attributes (values as strings), status code. Answers POST /v1/traces with an empty
ExportTraceServiceResponse. Stops on SIGTERM.
"""
import argparse
import json
import os
import signal
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from opentelemetry.proto.collector.trace.v1 import trace_service_pb2

lock = threading.Lock()


def value_text(value):
    kind = value.WhichOneof("value")
    if kind == "array_value":
        return json.dumps([value_text(item) for item in value.array_value.values])
    return str(getattr(value, kind)) if kind else ""


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if self.path != "/v1/traces" or self.headers.get("Content-Type") != "application/x-protobuf":
            self.send_response(404 if self.path != "/v1/traces" else 415)
            self.end_headers()
            return
        request = trace_service_pb2.ExportTraceServiceRequest()
        request.ParseFromString(body)
        lines = []
        for resource_spans in request.resource_spans:
            resource = {a.key: value_text(a.value) for a in resource_spans.resource.attributes}
            for scope_spans in resource_spans.scope_spans:
                for span in scope_spans.spans:
                    lines.append(json.dumps({
                        "service": resource.get("service.name", ""),
                        "traceId": span.trace_id.hex(),
                        "spanId": span.span_id.hex(),
                        "parentSpanId": span.parent_span_id.hex(),
                        "name": span.name,
                        "kind": span.kind,
                        "attributes": {a.key: value_text(a.value) for a in span.attributes},
                        "status": span.status.code,
                    }))
        with lock, open(self.server.out, "a") as handle:
            handle.writelines(line + "\n" for line in lines)
        reply = trace_service_pb2.ExportTraceServiceResponse().SerializeToString()
        self.send_response(200)
        self.send_header("Content-Type", "application/x-protobuf")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    def log_message(self, *args):
        pass


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--out", required=True)
    arguments = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", arguments.port), Handler)
    server.out = arguments.out
    # Every batch is on disk once answered, so SIGTERM can end the process at once. The test process
    # starts us with SIGTERM blocked (Foundation's Process passes its thread's mask on): unblock it.
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM])
    print(f"listening {server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
