-- Rotates through the upstream's body variants so Scrim's per-string cache stays cold-ish.
-- Arguments (after `--`): size name, variant count, start offset, thread count, then one bearer
-- token per agent: requests go to the agents in turn.
-- Thread i requests variants start+i, start+i+n, start+i+2n, ... (mod the variant count).
local threads = {}

function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

function init(args)
  size = args[1] or "2k"
  variants = tonumber(args[2] or "1000")
  step = tonumber(args[4] or "1")
  counter = tonumber(args[3] or "0") + (tid or 0)
  tokens = {}
  for i = 5, #args do
    table.insert(tokens, args[i])
  end
end

function request()
  local v = counter % variants
  counter = counter + step
  local headers = {}
  if #tokens > 0 then
    headers["Authorization"] = "Bearer " .. tokens[(v % #tokens) + 1]
  end
  return wrk.format(nil, "/api/v2/users?size=" .. size .. "&v=" .. v, headers)
end
