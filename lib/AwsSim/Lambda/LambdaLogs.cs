namespace AwsSim.Lambda;

/// <summary>
/// Each function's CloudWatch Logs: whether its role may write them, the latest
/// <see cref="LambdaOptions.LogRetentionInvocations"/> invocations kept, and their lines rendered when read.
/// </summary>
internal sealed class LambdaLogs(AccountContext aws, LambdaOptions options)
{
    /// <summary>Keeps an invocation's log if the function may write logs (else counts it as dropped).</summary>
    internal void Keep(LambdaFunction fn, InvocationLog log)
    {
        if (CanWriteLogs(fn))
        {
            fn.Logs.Enqueue(log);
            while (fn.Logs.Count > options.LogRetentionInvocations) fn.Logs.Dequeue();
        }
        else
        {
            fn.LogsDropped++;
        }
    }

    /// <summary>The function's log events (the latest <paramref name="lastInvocations"/> invocations, or all kept), in time order.</summary>
    internal static IReadOnlyList<LogEvent> Events(LambdaFunction fn, int? lastInvocations)
    {
        var logs = lastInvocations is { } n ? fn.Logs.Skip(Math.Max(0, fn.Logs.Count - n)) : fn.Logs;
        return logs.SelectMany(l => l.Render()).OrderBy(e => e.Timestamp).ToList();
    }

    /// <summary>An invocation's lines, rendered when first read.</summary>
    internal static IReadOnlyList<string> Lines(InvocationLog log) => new LazyLines(log);

    private bool CanWriteLogs(LambdaFunction fn)
    {
        if (fn.LogPermissionRoleVersion != fn.Role.Version || fn.LogPermissionRole != fn.Role)
        {
            var group = $"arn:aws:logs:{aws.Region}:{aws.AccountId}:log-group:/aws/lambda/{fn.Name}:*";
            fn.CanWriteLogs = fn.Role.IsAllowed("logs:CreateLogStream", group) && fn.Role.IsAllowed("logs:PutLogEvents", group);
            fn.LogPermissionRoleVersion = fn.Role.Version;
            fn.LogPermissionRole = fn.Role;
        }
        return fn.CanWriteLogs;
    }

    /// <summary>The log lines of one invocation, rendered when first read.</summary>
    private sealed class LazyLines(InvocationLog log) : IReadOnlyList<string>
    {
        private List<string>? _lines;

        private List<string> Lines => _lines ??= log.Render().Select(e => e.Message).ToList();

        public string this[int index] => Lines[index];

        public int Count => Lines.Count;

        public IEnumerator<string> GetEnumerator() => Lines.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
