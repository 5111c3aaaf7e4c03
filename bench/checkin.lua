-- wrk script: uploads check-in scans in batches of BATCH (env), each with a
-- unique scan id, cycling over the tokens in TOKENS_FILE (env).
local tokens = {}
for line in io.lines(os.getenv("TOKENS_FILE")) do tokens[#tokens + 1] = line end
local batch = tonumber(os.getenv("BATCH") or "1")
local phase = os.getenv("PHASE") or "p"  -- keeps scan ids unique across runs
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

local n = 0
function request()
  local scans = {}
  for i = 1, batch do
    n = n + 1
    local token = tokens[(n % #tokens) + 1]
    scans[i] = string.format('{"scan_id":"%s-t%d-%d","token":"%s","people":1}', phase, tid, n, token)
  end
  return wrk.format("POST", nil, nil, '{"scans":[' .. table.concat(scans, ",") .. ']}')
end
