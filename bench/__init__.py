"""Performance benchmarks of the dashboard (``make bench``, ``python -m bench [--quick]``).

Modules, one measure each: :mod:`bench.servers` (production server, cold start),
:mod:`bench.browser` (first paint and click → redraw in headless Chromium),
:mod:`bench.wire` (bytes of a first visit), :mod:`bench.callbacks` (server time and
response size per callback), :mod:`bench.load` (concurrent users), :mod:`bench.report`
(targets and table). See ``docs/performance.md`` for the method and the latest figures.
"""
