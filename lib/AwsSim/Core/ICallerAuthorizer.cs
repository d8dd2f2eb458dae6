namespace AwsSim;

/// <summary>
/// Checks that the caller may do something: when a Lambda function is running, its execution role must allow
/// <c>action</c> on <c>resource</c> (else <c>errorCode</c>, HTTP 403), as on AWS; calls from outside a function are the
/// account owner's and allowed. IAM implements it; S3 asks it in every operation.
/// </summary>
internal interface ICallerAuthorizer
{
    void AuthorizeCaller(string action, string resource, string errorCode);
}
