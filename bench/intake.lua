-- wrk script: POSTs pre-signed 12345 work orders, one unique order per request.
-- BENCH_INTAKE_FILE: lines "timestamp<TAB>signature<TAB>json body" (bench/suites/http.py writes it
-- just before the run: signatures are only valid for 300 s). Thread k of n sends lines k, k+n, …
-- so no two requests carry the same order. BENCH_INTAKE_COUNTS: where done() writes
-- "status count" lines, so the suite can compare the 201s with the cases in the database.
local threads = {}
local counter = 0

function setup(thread)
   counter = counter + 1
   thread:set("index", counter)
   table.insert(threads, thread)
end

function init(args)
   orders = {}
   statuses = {}
   local n = 0
   local all = 0
   local total_threads = tonumber(os.getenv("BENCH_THREADS") or "2")
   for line in io.lines(os.getenv("BENCH_INTAKE_FILE")) do
      all = all + 1
      if (all - 1) % total_threads == index - 1 then
         local ts, sig, body = line:match("^([^\t]+)\t([^\t]+)\t(.*)$")
         n = n + 1
         orders[n] = {ts = ts, sig = sig, body = body}
      end
   end
   position = 0
   size = n
end

function request()
   position = position % size + 1
   local order = orders[position]
   return wrk.format("POST", nil, {
      ["Content-Type"] = "application/json",
      ["X-Hotline-Key"] = os.getenv("BENCH_HOTLINE_KEY") or "demo-12345",
      ["X-Hotline-Timestamp"] = order.ts,
      ["X-Hotline-Signature"] = order.sig,
   }, order.body)
end

function response(status, headers, body)
   statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
   local totals = {}
   for _, thread in ipairs(threads) do
      local seen = thread:get("statuses")
      for status, n in pairs(seen) do
         totals[status] = (totals[status] or 0) + n
      end
   end
   local out = io.open(os.getenv("BENCH_INTAKE_COUNTS"), "w")
   for status, n in pairs(totals) do
      out:write(status .. " " .. n .. "\n")
   end
   out:close()
end
