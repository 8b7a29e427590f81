-- The whole leave form as parents' browsers send it: start, each page shown then answered,
-- check answers, send, confirmation. Each wrk thread works on one connection (run with as
-- many threads as connections) for its share of the signed-in parents, one flow after another,
-- each flow for the next parent and child in turn. Only flows that reach their confirmation
-- count as submissions.
-- Arguments: the file of parents ("session csrf child,child,…" a line), start day/month/year,
-- return day/month/year, the number of threads.

local threads = {}
local count = 0

function setup(thread)
  count = count + 1
  thread:set("index", count)
  table.insert(threads, thread)
end

local function encode(text)
  return (string.gsub(text, "[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local function form(fields)
  local parts = {}
  for _, pair in ipairs(fields) do table.insert(parts, encode(pair[1]) .. "=" .. encode(pair[2])) end
  return table.concat(parts, "&")
end

function init(args)
  -- Given, not counted: a thread may start before the last one is set up.
  threadCount = tonumber(args[8])
  parents = {}
  local line = 0
  for text in io.lines(args[1]) do
    -- This thread's parents: every n-th line, n being the number of threads.
    if line % threadCount == index - 1 then
      local session, csrf, list = string.match(text, "(%S+) (%S+) (%S+)")
      local children = {}
      for child in string.gmatch(list, "[^,]+") do table.insert(children, child) end
      table.insert(parents, { cookie = "lp_session=" .. session .. "; lp_csrf=" .. csrf, csrf = csrf, children = children })
    end
    line = line + 1
  end
  start = { args[2], args[3], args[4] }
  back = { args[5], args[6], args[7] }
  step, nonce, completed, failed, flow = 1, "", 0, 0, 0
  choose()
end

-- The parent and child of the next flow.
function choose()
  local parent = parents[(flow % #parents) + 1]
  cookie, csrf = parent.cookie, parent.csrf
  child = parent.children[(math.floor(flow / #parents) % #parent.children) + 1]
end

local base = "/parent/forms/leave"

local function get(path)
  return wrk.format("GET", path, { ["Cookie"] = cookie })
end

local function post(path, fields)
  table.insert(fields, 1, { "csrfToken", csrf })
  return wrk.format("POST", path, { ["Cookie"] = cookie, ["Content-Type"] = "application/x-www-form-urlencoded" }, form(fields))
end

-- Each step: the request, and the status a working portal answers with.
local steps = {
  { function() return get(base) end, 303 },
  { function() return get(base .. "/children?start=" .. nonce) end, 200 },
  { function() return post(base .. "/children", { { "start", nonce }, { "children", child } }) end, 303 },
  { function() return get(base .. "/reason") end, 200 },
  { function() return post(base .. "/reason", { { "category", "exceptional" }, { "purpose", "A family funeral out of the county" } }) end, 303 },
  { function() return get(base .. "/dates") end, 200 },
  { function() return post(base .. "/dates", {
      { "start-day", start[1] }, { "start-month", start[2] }, { "start-year", start[3] }, { "startSession", "AM" },
      { "end-day", start[1] }, { "end-month", start[2] }, { "end-year", start[3] }, { "endSession", "PM" },
      { "returnDate-day", back[1] }, { "returnDate-month", back[2] }, { "returnDate-year", back[3] } }) end, 303 },
  { function() return get(base .. "/evidence") end, 200 },
  { function() return post(base .. "/evidence", {}) end, 303 },
  { function() return get(base .. "/check") end, 200 },
  { function() return post(base .. "/submit", {}) end, 303 },
  { function() return get(confirmation) end, 200 },
}

function request()
  return steps[step][1]()
end

function response(status, headers, body)
  local location = headers["Location"] or headers["location"]
  if status ~= steps[step][2] then
    failed = failed + 1
    step = 1
    flow = flow + 1
    choose()
    return
  end
  if step == 1 then nonce = string.match(location or "", "start=([%w%-_]+)") or "" end
  if step == 11 then confirmation = location end
  if step == #steps then
    completed = completed + 1
    step = 1
    flow = flow + 1
    choose()
  else
    step = step + 1
  end
end

function done(summary, latency, requests)
  local total, failures = 0, 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("completed")
    failures = failures + thread:get("failed")
  end
  io.write(string.format("submissions %d failures %d seconds %.3f steps %d\n", total, failures, summary.duration / 1e6, #steps))
end
