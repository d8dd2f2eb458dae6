namespace AwsSim;

/// <summary>
/// Marks a type as the shape of an event AWS sends to a Lambda function (an S3 notification, an API Gateway request,
/// a scheduled event…), so that <c>course events check</c> and the round-trip tests can recognise and load it.
/// </summary>
/// <param name="kind">A short name, e.g. <c>s3</c>, <c>apigateway-rest-request</c>, <c>scheduled</c>.</param>
/// <param name="markers">
/// Paths that must all exist in a JSON document of this kind, e.g. <c>Records[0].s3</c>; a path may end in
/// <c>=value</c> to require a string value, e.g. <c>detail-type=Scheduled Event</c>. The kind with the most
/// matching markers wins.
/// </param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class AwsEventAttribute(string kind, params string[] markers) : Attribute
{
    /// <summary>The short name of the kind.</summary>
    public string Kind { get; } = kind;

    /// <summary>Paths (and optional <c>=value</c>s) that identify the kind.</summary>
    public IReadOnlyList<string> Markers { get; } = markers;
}
