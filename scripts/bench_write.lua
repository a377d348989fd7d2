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

-- A 409 (the item's previous version not committed yet when this one was sent) would
-- leave the item one version ahead for the rest of the run, every later request for it
-- refused too: the refusal names the item, whose next version is then this one again.
-- The first few refusals go to standard error (status and body) for bench.sh's log.
local told = 0
function response(status, headers, body)
  if status == 409 then
    local name = body:match("strategy ([%d.]+)'s") or body:match("measure (%d+)'s")
    for _, item in ipairs(mine) do
      if name and (item.path:find("/" .. name .. "/", 1, true)) then
        item.version = item.version - 1
        break
      end
    end
  end
  if status >= 300 and told < 5 then
    told = told + 1
    io.stderr:write(string.format("bench_write: %d %s\n", status, body))
  end
end
