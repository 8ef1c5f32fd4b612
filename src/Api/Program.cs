using CustomerSuccess.Api;
using CustomerSuccess.Api.Apis;
using CustomerSuccess.Api.Logging;
using CustomerSuccess.Silo.Demo;
using CustomerSuccess.Silo.Hosting;

var builder = WebApplication.CreateBuilder(DemoCommandLine.Expand(args));
builder.Logging.AddCustomerSuccessSerilog(builder.Configuration);
builder.Services.AddCustomerSuccessSilo(builder.Configuration);
builder.Services.AddCustomerSuccessApi();

var app = builder.Build();
app.UseExceptionHandler();
// Answers the router's own refusals (415 for a wrong content type, 404, 405) with problem details too.
app.UseStatusCodePages();
app.UseAuthentication();
app.UseApiRequestLogging();
app.UseAuthorization();
app.UseRateLimiter();

app.MapOpenApi();
app.UseSwaggerUI(ui =>
{
    ui.RoutePrefix = "docs";
    ui.SwaggerEndpoint("/openapi/v1.json", "CustomerSuccess API v1");
});
app.MapHealthApi();
app.MapEventsApi();
app.MapCustomersApi();
app.MapTasksApi();
app.MapSnapshotApi();
app.Run();

/// <summary>The entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
