-- wrk script: public registrations at one activity, each with its own mobile.
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

local n = 0
function request()
  n = n + 1
  local body = string.format(
    '{"kind":"person","name":"压测家长","mobile":"13%d%08d","category":"parent","consent":true}',
    tid, n)
  return wrk.format("POST", nil, nil, body)
end
