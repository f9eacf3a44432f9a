-- wrk script: GETs a rotating list of paths read from a file (one path a line, each
-- starting with "/"), with the headers cargo sends to a sparse registry, and prints a
-- machine-readable summary line at the end.
--   wrk -t2 -c64 -d10s -s bench/index-paths.lua http://127.0.0.1:PORT -- paths.txt
local paths = {}
local index = 1
local counter = 0
local threads = {}

function setup(thread)
    counter = counter + 1
    thread:set("id", counter)
    table.insert(threads, thread)
end

function init(args)
    local file = args[1]
    if file == nil then
        error("index-paths.lua: pass the path list file after --")
    end
    for line in io.lines(file) do
        if line ~= "" then
            table.insert(paths, line)
        end
    end
    if #paths == 0 then
        error("index-paths.lua: " .. file .. " lists no paths")
    end
    -- Threads start at different offsets so they do not request the same file in step.
    index = ((id or 1) * 7919) % #paths + 1
    wrk.headers["Accept"] = "text/plain"
    wrk.headers["cargo-protocol"] = "version=1"
    wrk.headers["User-Agent"] = "cargo/1.95.0 (stowaway-bench)"
end

function request()
    local path = paths[index]
    index = index % #paths + 1
    return wrk.format("GET", path)
end

function done(summary, latency, requests)
    local errors = summary.errors
    io.write(string.format(
        "WRK_RESULT requests=%d bytes=%d duration_us=%d non2xx=%d connect=%d read=%d timeout=%d p50_us=%d p99_us=%d\n",
        summary.requests, summary.bytes, summary.duration, errors.status, errors.connect,
        errors.read, errors.timeout, latency:percentile(50), latency:percentile(99)))
end
