-- wrk's summary as one line: requests/s, p99 latency in ms, and the count of errors (socket
-- errors plus non-2xx answers), for scripts/load.sh.
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout + summary.errors.status
  io.write(string.format("%10.0f %10.1f %8d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(99) / 1000, errors))
end
