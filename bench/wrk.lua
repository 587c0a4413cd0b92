-- wrk script shared by every HTTP run, so both servers get byte-identical requests.
-- The request comes from the environment (set by bench/_load.py): method, bearer token and,
-- for POST, a file holding the JSON body. At the end it prints one machine-readable line.

local method = os.getenv("BENCH_METHOD") or "GET"
local token = os.getenv("BENCH_TOKEN") or ""
local body_file = os.getenv("BENCH_BODY_FILE") or ""
local limit = tonumber(os.getenv("BENCH_MAX_REQUESTS") or "0")

wrk.method = method
wrk.headers["Authorization"] = "Bearer " .. token
wrk.headers["Accept"] = "application/json"
if body_file ~= "" then
  local file = assert(io.open(body_file, "rb"))
  wrk.body = file:read("*a")
  file:close()
  wrk.headers["Content-Type"] = "application/json"
end

-- A count bound on top of wrk's -d time bound (the harness runs wrk with one thread, so the
-- per-thread count is the total).
local seen = 0
function response(status, headers, body)
  seen = seen + 1
  if limit > 0 and seen >= limit then
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests":%d,"duration_us":%d,"socket_errors":%d,"status_errors":%d,'
      .. '"p50_us":%d,"p99_us":%d,"max_us":%d}\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(99), latency.max))
end
