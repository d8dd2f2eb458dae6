using AwsSim;
using AwsSim.Lightsail;

namespace Exercises.Lightsail;

/// <summary>Exercise <c>lightsail.vs-ec2</c>: what the same server costs on EC2 instead of Lightsail.</summary>
public static class LightsailVsEc2
{
    /// <summary>Reference answer: add up both sides from the price list and subtract.</summary>
    public static decimal MonthlyDifference(string ec2Type, int ebsGb, decimal outGb, string bundleId)
    {
        var p = PriceList.Default;
        const decimal hours = 730m;
        var ec2 = p.Get("ec2." + ec2Type).Price * hours
                  + p.Get("ebs.gp3.storage").Price * ebsGb
                  + p.Get("ec2.publicipv4").Price * hours
                  + Math.Max(0, outGb - 100) * p.Get("ec2.transfer.out.tier1").Price;
        var bundle = LightsailBundle.FromPriceList(p).Single(b => b.BundleId == bundleId);
        var lightsail = bundle.Price + Math.Max(0, outGb - bundle.TransferPerMonthInGb) * p.Get("lightsail.transfer.overage").Price;
        return ec2 - lightsail;
    }
}
