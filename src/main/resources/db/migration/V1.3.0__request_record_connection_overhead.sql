-- Time each request spent obtaining a connection (pool wait, connect, TLS): part of TTFT and latency, kept on its
-- own as AIPerf's http_req_connection_overhead. Records stored before this column existed read 0.
ALTER TABLE request_record ADD COLUMN connection_overhead_ns bigint NOT NULL DEFAULT 0;
