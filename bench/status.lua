-- wrk script: GET /v1/me/status, each request the next worker of $TOKENS (bench/tokens.py);
-- thread k of 2 takes every second token from k, so a short run asks each once.
local tokens = {}
for line in io.lines(os.getenv("TOKENS")) do tokens[#tokens + 1] = line end
local next_id = 0
function setup(thread) thread:set("id", next_id); next_id = next_id + 1 end
local n = 0
function request()
  local t = tokens[((n * 2 + id) % #tokens) + 1]
  n = n + 1
  return wrk.format("GET", "/v1/me/status", {["Authorization"] = "Bearer " .. t})
end

-- DELAY_MS (bench/run soak) paces each connection; unset, requests go back to back.
local pause = tonumber(os.getenv("DELAY_MS") or "0")
function delay() return pause end
