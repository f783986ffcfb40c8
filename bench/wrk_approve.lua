-- wrk script: each thread is one signed-in director posting "approve" on the decision pages of
-- its own referrals, each waiting for the director's step.
-- The data file (written by bench_referral_http.py) gives each thread its cookie, CSRF token
-- and task paths; the response handler counts real approvals (302 to the inbox) apart. A
-- thread that has posted to all its tasks stops: posting to a handled task again would
-- measure the "already handled" answer instead of approvals.
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
  ran_out = 0
  body_prefix = "step=director_review&decision=approve&opinion=%E5%90%8C%E6%84%8F&csrfmiddlewaretoken=" .. mine.csrf
end

function request()
  next_index = next_index + 1
  local path = mine.paths[next_index]
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
  if next_index >= #mine.paths then
    ran_out = 1
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  local ok, bad, out = 0, 0, 0
  for _, thread in ipairs(threads) do
    ok = ok + thread:get("approved")
    bad = bad + thread:get("other")
    out = out + thread:get("ran_out")
  end
  io.write(string.format("wrk: %d approvals answered, %d other answers\n", ok, bad))
  io.write(string.format("wrk: %d clients ran out of tasks\n", out))
  for _, p in ipairs({50, 90, 99}) do
    io.write(string.format("wrk: latency p%d %.1f ms\n", p, latency:percentile(p) / 1000))
  end
end
