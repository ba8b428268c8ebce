-- wrk script for the Kannel baseline: each request to a new recipient, numbered as
-- bench/enqueue.py numbers the outbox rows (+84916000000, +84916000001, ...), so
-- Kannel alone and cuakhau send the same messages. The URL carries +84915000000.
local n = -1
request = function()
  n = n + 1
  local to = string.format("8491%07d", 6000000 + n % 1000000)
  return wrk.format("GET", (string.gsub(wrk.path, "84915000000", to)))
end
