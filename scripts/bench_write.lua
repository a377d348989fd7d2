-- wrk script for scripts/bench.sh: status updates or actuals through the JSON API, each
-- request the next version of the next item. bench_load.py writes the items to the file
-- named by BENCH_ITEMS: return { token = "plt_…", threads = 2, items = { {path, body
-- format with %d for the version, version}, … } }; wrk's threads take turns over them.
local spec = dofile(os.getenv("BENCH_ITEMS"))
local made = 0

function setup(thread)
  thread:set("id", made)
  made = made + 1
end

function init(args)
  mine = {}
  for i, item in ipairs(spec.items) do
    if (i - 1) % spec.threads == id then
      mine[#mine + 1] = { path = item[1], body = item[2], version = item[3] }
    end
  end
  at = 0
  headers = {
    ["Authorization"] = "Bearer " .. spec.token,
    ["Content-Type"] = "application/json",
  }
end

function request()
  at = at % #mine + 1
  local item = mine[at]
  local body = string.format(item.body, item.version)
  item.version = item.version + 1
  return wrk.format("POST", item.path, headers, body)
end

-- The first few refusals, on standard error (bench.sh keeps them in its log): status and
-- body, so a non-2xx in the table can be told apart (409: an item's version not yet
-- committed; anything else is a finding).
local told = 0
function response(status, headers, body)
  if status >= 300 and told < 5 then
    told = told + 1
    io.stderr:write(string.format("bench_write: %d %s\n", status, body))
  end
end
