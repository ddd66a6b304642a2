using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Clearline.Core.Database.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Issue12HashLists : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_HashLists_Name",
                table: "HashLists");

            migrationBuilder.DropIndex(
                name: "IX_HashLists_OwnerOrganisationId",
                table: "HashLists");

            migrationBuilder.AddColumn<string>(
                name: "Approval",
                table: "HashLists",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "NotRequested");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ApprovalDecidedAt",
                table: "HashLists",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ApprovalMapping",
                table: "HashLists",
                type: "character varying(8000)",
                maxLength: 8000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ApprovalNote",
                table: "HashLists",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ApprovalRequestId",
                table: "HashLists",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ApprovalRequestedAt",
                table: "HashLists",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "AcceptPartial",
                table: "HashListImports",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.UpdateData(
                table: "HashLists",
                keyColumn: "Id",
                keyValue: new Guid("00000000-0000-7000-8000-00000000c1a5"),
                columns: new[] { "ApprovalDecidedAt", "ApprovalMapping", "ApprovalNote", "ApprovalRequestId", "ApprovalRequestedAt" },
                values: new object[] { null, null, null, null, null });

            migrationBuilder.CreateIndex(
                name: "IX_HashLists_OwnerOrganisationId_Name",
                table: "HashLists",
                columns: new[] { "OwnerOrganisationId", "Name" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_HashLists_OwnerOrganisationId_Name",
                table: "HashLists");

            migrationBuilder.DropColumn(
                name: "Approval",
                table: "HashLists");

            migrationBuilder.DropColumn(
                name: "ApprovalDecidedAt",
                table: "HashLists");

            migrationBuilder.DropColumn(
                name: "ApprovalMapping",
                table: "HashLists");

            migrationBuilder.DropColumn(
                name: "ApprovalNote",
                table: "HashLists");

            migrationBuilder.DropColumn(
                name: "ApprovalRequestId",
                table: "HashLists");

            migrationBuilder.DropColumn(
                name: "ApprovalRequestedAt",
                table: "HashLists");

            migrationBuilder.DropColumn(
                name: "AcceptPartial",
                table: "HashListImports");

            migrationBuilder.CreateIndex(
                name: "IX_HashLists_Name",
                table: "HashLists",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_HashLists_OwnerOrganisationId",
                table: "HashLists",
                column: "OwnerOrganisationId");
        }
    }
}
