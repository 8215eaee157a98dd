-- wrk hooks: random ids for /hotels/{id} (when HOTELS is set), and one machine-readable line.
local hotels = tonumber(os.getenv("HOTELS") or "0")
local by_id = os.getenv("BY_ID") == "1"

request = function()
  if by_id then
    return wrk.format("GET", "/hotels/" .. math.random(1, hotels))
  end
  return wrk.format(nil)
end

done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format(
    "RESULT rps=%.0f p50_ms=%.2f p99_ms=%.2f p999_ms=%.2f requests=%d errors=%d non2xx=%d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency:percentile(99.9) / 1000,
    summary.requests, errors, summary.errors.status))
end
