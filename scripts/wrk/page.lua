-- One page, signed in: the cookie comes from the environment (WRK_COOKIE), and any answer but
-- 200 is counted, so a benchmark of an error page cannot pass for a fast page.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  cookie = os.getenv("WRK_COOKIE") or ""
  wrong = 0
end

function request()
  return wrk.format("GET", nil, { ["Cookie"] = cookie })
end

function response(status, headers, body)
  if status ~= 200 then wrong = wrong + 1 end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("wrong") end
  io.write(string.format("not-200 %d\n", total))
end
