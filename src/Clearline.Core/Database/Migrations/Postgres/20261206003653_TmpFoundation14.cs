using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Clearline.Core.Database.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TmpFoundation14 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "Reason",
                table: "TakedownActions",
                type: "character varying(50)",
                maxLength: 50,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(30)",
                oldMaxLength: 30);

            migrationBuilder.AddColumn<bool>(
                name: "BehindCdn",
                table: "ContentRoutes",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Jurisdiction",
                table: "ContentRoutes",
                type: "character varying(2)",
                maxLength: 2,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OriginOrganisation",
                table: "ContentRoutes",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Subject",
                table: "ContentRoutes",
                type: "character varying(10)",
                maxLength: 10,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Verdict",
                table: "ContentRoutes",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Reason",
                table: "ContentRouteEvents",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            // Routes made before issue 14 were routed when their crawl ended, before any decision: they stay as they are.
            migrationBuilder.Sql("UPDATE \"ContentRoutes\" SET \"Verdict\" = 'Baseline', \"Subject\" = 'Media'");

            // ICCAM's action reasons (issue 14): the five values stored under Clearline's earlier names.
            foreach (var (from, to) in new[]
            {
                ("Error404", "Error404NotFoundOrSiteDown"), ("ServerUnreachable", "Error503OrContentTemporarilyUnavailable"),
                ("AccessBlocked", "UnableToAccess"), ("AgeUnclear", "AgeUnclearOrNotAssessable"), ("NotSexualContent", "NudismOrNotSexualized"),
            })
            {
                migrationBuilder.Sql($"UPDATE \"TakedownActions\" SET \"Reason\" = '{to}' WHERE \"Reason\" = '{from}'");
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "BehindCdn",
                table: "ContentRoutes");

            migrationBuilder.DropColumn(
                name: "Jurisdiction",
                table: "ContentRoutes");

            migrationBuilder.DropColumn(
                name: "OriginOrganisation",
                table: "ContentRoutes");

            migrationBuilder.DropColumn(
                name: "Subject",
                table: "ContentRoutes");

            migrationBuilder.DropColumn(
                name: "Verdict",
                table: "ContentRoutes");

            migrationBuilder.DropColumn(
                name: "Reason",
                table: "ContentRouteEvents");

            migrationBuilder.AlterColumn<string>(
                name: "Reason",
                table: "TakedownActions",
                type: "character varying(30)",
                maxLength: 30,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(50)",
                oldMaxLength: 50);
        }
    }
}
