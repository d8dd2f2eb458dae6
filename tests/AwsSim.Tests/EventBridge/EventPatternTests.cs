using System.Text.Json.Nodes;
using AwsSim.EventBridge;

namespace AwsSim.Tests.EventBridge;

public class EventPatternTests
{
    private const string Event = """
        {"version":"0","id":"1","detail-type":"ECS Task State Change","source":"aws.ecs","account":"111122223333",
         "time":"2020-01-23T17:57:58Z","region":"us-west-2","resources":["arn:aws:ecs:us-west-2:111122223333:task/c/abc"],
         "detail":{"lastStatus":"STOPPED","desiredStatus":"STOPPED","cpu":"256","version":4,"stoppedReason":"Essential container exited",
                   "containers":[{"name":"app","exitCode":1},{"name":"sidecar","exitCode":0}],"tags":["a","b"],"nothing":null}}
        """;

    [Theory]
    [InlineData("""{"source": ["aws.ecs"]}""", true)]
    [InlineData("""{"source": ["aws.batch"]}""", false)]
    [InlineData("""{"source": ["aws.batch", "aws.ecs"]}""", true)]
    [InlineData("""{"source": ["aws.ecs"], "detail-type": ["Batch Job State Change"]}""", false)]
    [InlineData("""{"detail": {"lastStatus": ["STOPPED"]}}""", true)]
    [InlineData("""{"detail": {"lastStatus": [{"prefix": "STOP"}]}}""", true)]
    [InlineData("""{"detail": {"lastStatus": [{"prefix": {"equals-ignore-case": "stop"}}]}}""", true)]
    [InlineData("""{"detail": {"stoppedReason": [{"suffix": "exited"}]}}""", true)]
    [InlineData("""{"detail": {"lastStatus": [{"equals-ignore-case": "stopped"}]}}""", true)]
    [InlineData("""{"detail": {"lastStatus": [{"anything-but": "STOPPED"}]}}""", false)]
    [InlineData("""{"detail": {"lastStatus": [{"anything-but": ["RUNNING", "PENDING"]}]}}""", true)]
    [InlineData("""{"detail": {"lastStatus": [{"anything-but": {"prefix": "RUN"}}]}}""", true)]
    [InlineData("""{"detail": {"version": [{"numeric": [">", 3, "<=", 4]}]}}""", true)]
    [InlineData("""{"detail": {"version": [{"numeric": ["<", 4]}]}}""", false)]
    [InlineData("""{"detail": {"version": [4.0]}}""", true)]
    [InlineData("""{"detail": {"cpu": [256]}}""", false)]
    [InlineData("""{"detail": {"cpu": ["256"]}}""", true)]
    [InlineData("""{"detail": {"stoppedReason": [{"exists": true}]}}""", true)]
    [InlineData("""{"detail": {"startedBy": [{"exists": false}]}}""", true)]
    [InlineData("""{"detail": {"startedBy": [{"exists": true}]}}""", false)]
    [InlineData("""{"detail": {"startedBy": ["x"]}}""", false)]
    [InlineData("""{"detail": {"nothing": [null]}}""", true)]
    [InlineData("""{"detail": {"tags": ["b"]}}""", true)]
    [InlineData("""{"detail": {"containers": {"exitCode": [1]}}}""", false)]
    [InlineData("""{"resources": [{"wildcard": "arn:aws:ecs:*:task/*"}]}""", true)]
    [InlineData("""{"$or": [{"source": ["aws.batch"]}, {"detail": {"lastStatus": ["STOPPED"]}}]}""", true)]
    [InlineData("""{"$or": [{"source": ["aws.batch"]}, {"detail": {"lastStatus": ["RUNNING"]}}]}""", false)]
    public void Matches_as_EventBridge_documents(string pattern, bool expected)
        => Assert.Equal(expected, EventPattern.Parse(pattern).Matches(JsonNode.Parse(Event)));

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("""{"source": "aws.ecs"}""")]
    [InlineData("""{"source": []}""")]
    [InlineData("""{"source": [["x"]]}""")]
    [InlineData("""{"source": [{"prefix": 1}]}""")]
    [InlineData("""{"source": [{"exists": "yes"}]}""")]
    [InlineData("""{"source": [{"prefix": "a", "suffix": "b"}]}""")]
    [InlineData("""{"n": [{"numeric": [">", "one"]}]}""")]
    [InlineData("""{"$or": [{"source": ["a"]}]}""")]
    public void Refuses_invalid_patterns(string pattern)
        => Assert.Equal("InvalidEventPatternException", Assert.Throws<AwsException>(() => EventPattern.Parse(pattern)).ErrorCode);
}
