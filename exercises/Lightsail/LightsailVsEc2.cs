namespace Exercises.Lightsail;

/// <summary>Exercise <c>lightsail.vs-ec2</c>: what the same server costs on EC2 instead of Lightsail.</summary>
public static class LightsailVsEc2
{
    /// <summary>
    /// Return EC2's monthly cost minus Lightsail's for one server sending <paramref name="outGb"/> GB a month to the
    /// internet (nothing in).
    /// EC2: instance <paramref name="ec2Type"/> on demand for 730 hours (<c>ec2.&lt;type&gt;</c>), an EBS gp3 volume of
    /// <paramref name="ebsGb"/> GB (<c>ebs.gp3.storage</c>), a public IPv4 address for 730 hours (<c>ec2.publicipv4</c>),
    /// and data transfer out above the free 100 GB (<c>ec2.transfer.out.tier1</c>).
    /// Lightsail: the bundle <paramref name="bundleId"/>'s monthly price plus OUT over its allowance
    /// (<c>lightsail.transfer.overage</c>).
    /// </summary>
    /// <remarks>Prices: <c>AwsSim.PriceList.Default.Get(key).Price</c>; bundles: <c>AwsSim.Lightsail.LightsailBundle.FromPriceList</c>.</remarks>
    public static decimal MonthlyDifference(string ec2Type, int ebsGb, decimal outGb, string bundleId)
    {
        throw new NotImplementedException();
    }
}
