-- wrk script: each thread is one signed-in director posting "approve" to its own open tasks.
-- The data file (written by bench_referral_http.py) gives each thread its cookie, CSRF token
-- and task paths; the response handler counts real approvals (302 to the inbox) apart.
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

function init(args)
  local data = dofile(args[1])
  mine = data[id]
  next_index = 0
  approved = 0
  other = 0
  body_prefix = "decision=approve&opinion=%E5%90%8C%E6%84%8F&csrfmiddlewaretoken=" .. mine.csrf
end

function request()
  next_index = next_index + 1
  local path = mine.paths[((next_index - 1) % #mine.paths) + 1]
  return wrk.format("POST", path, {
    ["Cookie"] = mine.cookie,
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }, body_prefix)
end

function response(status, headers, body)
  -- header names are case-insensitive: servers send "Location" or "location"
  local location = headers["Location"] or headers["location"]
  if status == 302 and location == "/inbox/" then
    approved = approved + 1
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local ok, bad = 0, 0
  for _, thread in ipairs(threads) do
    ok = ok + thread:get("approved")
    bad = bad + thread:get("other")
  end
  io.write(string.format("wrk: %d approvals answered, %d other answers\n", ok, bad))
  for _, p in ipairs({50, 90, 99}) do
    io.write(string.format("wrk: latency p%d %.1f ms\n", p, latency:percentile(p) / 1000))
  end
end
