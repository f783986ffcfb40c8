"""A checklist item holds several files where its kind does, each with its own versions: the
file's number within the item joins the version in the unique constraint.

Documents uploaded before were recorded as versions of one file, and that is what they stay
(file 1): the rows are append-only, and nothing tells a second invoice from a clearer scan of
the first. Adding the column with a default is a change of the table, not of its rows, so the
append-only trigger (0002) lets it through on PostgreSQL.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("documents", "0003_document_kinds_offsite")]

    operations = [
        migrations.AddField(
            model_name="document",
            name="file_number",
            field=models.PositiveSmallIntegerField(default=1, verbose_name="file"),
            preserve_default=False,
        ),
        migrations.AlterModelOptions(
            name="document",
            options={
                "ordering": ["case_type", "case_id", "kind", "file_number", "version"],
                "verbose_name": "document",
                "verbose_name_plural": "documents",
            },
        ),
        migrations.RemoveConstraint(model_name="document", name="document_one_version"),
        migrations.AddConstraint(
            model_name="document",
            constraint=models.UniqueConstraint(
                fields=("case_type", "case_id", "kind", "file_number", "version"),
                name="document_one_version_of_each_file",
            ),
        ),
        migrations.AddConstraint(
            model_name="document",
            constraint=models.CheckConstraint(
                condition=models.Q(("file_number__gte", 1)), name="document_file_from_1"
            ),
        ),
    ]
