using System.Globalization;

namespace AwsSim.ApiGateway;

/// <summary>
/// One metric's statistics for one minute, as CloudWatch stores API Gateway's metrics (sent every minute).
/// </summary>
/// <param name="Timestamp">The start of the minute.</param>
/// <param name="MetricName">REST: Count, 4XXError, 5XXError, Latency, IntegrationLatency; HTTP: Count, 4xx, 5xx, Latency, IntegrationLatency.</param>
/// <param name="ApiKey">The API dimension: ApiName (REST) or ApiId (HTTP).</param>
/// <param name="Stage">The Stage dimension.</param>
/// <param name="SampleCount">How many values.</param>
/// <param name="Sum">Their sum.</param>
/// <param name="Minimum">The smallest.</param>
/// <param name="Maximum">The largest.</param>
/// <param name="Unit">Count or Milliseconds.</param>
public sealed record MetricDatapoint(DateTimeOffset Timestamp, string MetricName, string ApiKey, string Stage, long SampleCount, double Sum, double Minimum, double Maximum, string Unit)
{
    /// <summary>Sum ÷ SampleCount.</summary>
    public double Average => SampleCount == 0 ? 0 : Sum / SampleCount;
}

/// <summary>
/// CloudWatch-style metrics and access logs for API Gateway, kept per API and stage in one-minute periods. Metric
/// names and dimensions follow AWS: REST APIs use <c>4XXError</c>/<c>5XXError</c> with dimensions ApiName and Stage;
/// HTTP APIs use <c>4xx</c>/<c>5xx</c> with ApiId and Stage (API Gateway developer guide: api-gateway-metrics-and-dimensions,
/// http-api-metrics).
/// </summary>
public sealed class ApiGatewayMetrics
{
    /// <summary>How many access log lines are kept (the oldest are dropped first).</summary>
    public const int MaxLogLines = 10_000;

    private readonly object _gate = new();
    private readonly Dictionary<(DateTimeOffset, string, string, string), MetricDatapoint> _points = new();
    private readonly Queue<string> _logs = new();

    /// <summary>Access log lines dropped because more than <see cref="MaxLogLines"/> were written.</summary>
    public long DroppedLogLines { get; private set; }

    /// <summary>Every datapoint, in time order.</summary>
    public IReadOnlyList<MetricDatapoint> Datapoints
    {
        get { lock (_gate) { return _points.Values.OrderBy(p => p.Timestamp).ThenBy(p => p.MetricName, StringComparer.Ordinal).ToList(); } }
    }

    /// <summary>The access log (JSON lines, newest last).</summary>
    public IReadOnlyList<string> AccessLog
    {
        get { lock (_gate) { return _logs.ToList(); } }
    }

    /// <summary>
    /// A metric's datapoints for one API (its name for REST, its id for HTTP) and stage, oldest first.
    /// </summary>
    public IReadOnlyList<MetricDatapoint> GetMetricStatistics(string metricName, string api, string stage)
    {
        lock (_gate)
        {
            return _points.Values.Where(p => p.MetricName == metricName && p.ApiKey == api && p.Stage == stage).OrderBy(p => p.Timestamp).ToList();
        }
    }

    /// <summary>The Sum of a metric over all time for one API and stage.</summary>
    public double Sum(string metricName, string api, string stage) => GetMetricStatistics(metricName, api, stage).Sum(p => p.Sum);

    internal void Record(Api api, string stage, DateTimeOffset at, ApiResponse response)
    {
        var rest = api.Protocol == ApiProtocol.Rest;
        var key = rest ? api.Name : api.Id;
        var minute = new DateTimeOffset(at.Year, at.Month, at.Day, at.Hour, at.Minute, 0, TimeSpan.Zero);
        var latencyMs = response.IntegrationLatency?.TotalMilliseconds ?? 0;
        lock (_gate)
        {
            Add(minute, "Count", key, stage, 1, "Count");
            Add(minute, rest ? "4XXError" : "4xx", key, stage, response.StatusCode is >= 400 and < 500 ? 1 : 0, "Count");
            Add(minute, rest ? "5XXError" : "5xx", key, stage, response.StatusCode >= 500 ? 1 : 0, "Count");
            // The simulation adds no gateway overhead of its own: Latency = IntegrationLatency (0 when no integration ran).
            Add(minute, "Latency", key, stage, latencyMs, "Milliseconds");
            if (response.IntegrationLatency is not null) Add(minute, "IntegrationLatency", key, stage, latencyMs, "Milliseconds");
            var line = string.Create(CultureInfo.InvariantCulture,
                $"{{\"requestId\":\"{response.RequestId}\",\"requestTime\":\"{ProxyEvents.RequestTime(at)}\",\"apiId\":\"{api.Id}\",\"stage\":\"{Escape(stage)}\",\"routeKey\":\"{Escape(response.Route?.RouteKey ?? "-")}\",\"status\":{response.StatusCode},\"responseLength\":{response.Body.Length},\"integrationLatency\":{(response.IntegrationLatency is { } l ? ((long)l.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) : "null")},\"errorType\":{(response.GatewayResponseType is { } t ? "\"" + t + "\"" : "null")}}}");
            _logs.Enqueue(line);
            while (_logs.Count > MaxLogLines) { _logs.Dequeue(); DroppedLogLines++; }
        }
    }

    private void Add(DateTimeOffset minute, string metric, string api, string stage, double value, string unit)
    {
        var k = (minute, metric, api, stage);
        _points[k] = _points.TryGetValue(k, out var p)
            ? p with { SampleCount = p.SampleCount + 1, Sum = p.Sum + value, Minimum = Math.Min(p.Minimum, value), Maximum = Math.Max(p.Maximum, value) }
            : new MetricDatapoint(minute, metric, api, stage, 1, value, value, value, unit);
    }

    private static string Escape(string s) => s.Replace("\\", "\\\\").Replace("\"", "\\\"");
}
