using CivilProtection.Application.Sms;
using CivilProtection.Domain.Deployments;

namespace CivilProtection.Sms.Tests;

/// <summary>Deployment status keywords a team leader texts, in French, English and Arabic.</summary>
public sealed class StatusKeywordsTests
{
    [Theory]
    [InlineData("DEPART", DeploymentStatus.Departed)]
    [InlineData("Départ", DeploymentStatus.Departed)]
    [InlineData("partis!", DeploymentStatus.Departed)]
    [InlineData("departed", DeploymentStatus.Departed)]
    [InlineData("غادرنا", DeploymentStatus.Departed)]
    [InlineData("ARRIVÉ", DeploymentStatus.ArrivedOnSite)]
    [InlineData("arrivés sur place", DeploymentStatus.ArrivedOnSite)]
    [InlineData("Arrived on site.", DeploymentStatus.ArrivedOnSite)]
    [InlineData("وصلنا", DeploymentStatus.ArrivedOnSite)]
    [InlineData("en opération", DeploymentStatus.Operating)]
    [InlineData("OPERATING", DeploymentStatus.Operating)]
    [InlineData("نعمل", DeploymentStatus.Operating)]
    [InlineData("DEMOB", DeploymentStatus.Demobilising)]
    [InlineData("Démobilisation", DeploymentStatus.Demobilising)]
    [InlineData("انسحاب", DeploymentStatus.Demobilising)]
    [InlineData("RETOUR", DeploymentStatus.Returned)]
    [InlineData("rentrés", DeploymentStatus.Returned)]
    [InlineData("RETURNED", DeploymentStatus.Returned)]
    [InlineData("عدنا", DeploymentStatus.Returned)]
    public void A_keyword_in_any_of_the_three_languages_reports_its_status(string body, DeploymentStatus expected)
    {
        var keyword = StatusKeywords.Parse(body);

        Assert.NotNull(keyword);
        Assert.Equal(expected, keyword.Status);
        Assert.Null(keyword.Comment);
    }

    [Fact]
    public void What_follows_the_keyword_is_the_comment()
    {
        Assert.Equal(new StatusKeyword(DeploymentStatus.Departed, "eta 14h convoi de 3 camions"), StatusKeywords.Parse("DEPART ETA 14h, convoi de 3 camions"));
        Assert.Equal(new StatusKeyword(DeploymentStatus.ArrivedOnSite, "pont nord"), StatusKeywords.Parse("Arrivé sur place: pont nord"));
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("OK 4821")]
    [InlineData("1")]
    [InlineData("oui")]
    [InlineData("departure")]
    [InlineData("partir demain")]
    public void Anything_else_reports_no_status(string? body) => Assert.Null(StatusKeywords.Parse(body));
}
