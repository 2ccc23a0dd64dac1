"""The translations page of a parent-facing item (R31): the original, its translations, a form a
language, machine translation. Only for those who may manage the item (404 otherwise)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from tandem.core.decorators import action_required
from tandem.core.forms import submit
from tandem.core.http import AuthedRequest

from ..actions.translations import TRANSLATIONS
from ..forms.translations import MachineForm, TranslationForm
from ..languages import CODES, ENGLISH, direction, name_of
from ..models.translations import Translation
from ..selectors import translations as selectors
from ..services import translations as services
from ..translation_providers import get_provider

# The staff page of each translatable item, for the way back.
BACK = {"Post": "comms:news_manage", "Outing": "comms:outing", "Event": "comms:event", "Meeting": "comms:meeting"}


def _prefix(code: str) -> str:
    return f"lang-{code}"


def _page(
    request: AuthedRequest, item: Any, *, bound: TranslationForm | None = None, machine_form: MachineForm | None = None
) -> dict[str, Any]:
    original = selectors.original_fields(item)
    digest = selectors.fields_hash(original)
    existing = {t.language: t for t in selectors.translations_of(item)}
    read = selectors.family_languages(getattr(item, "setting_id", None))
    read_codes = [code for code, _ in read]
    languages = read_codes + sorted((c for c in existing if c not in read_codes), key=name_of)
    if bound is not None and bound.language and bound.language not in languages:
        languages.append(bound.language)
    model = type(item)
    rows = []
    for code in languages:
        t = existing.get(code)
        if bound is not None and bound.language == code:
            form = bound
        else:
            form = TranslationForm(
                item=item,
                language=code,
                prefix=_prefix(code),
                initial_fields=t.fields if t else None,
                initial={"version": services.version_of(t)},
            )
        rows.append(
            {
                "code": code,
                "name": name_of(code),
                "dir": direction(code),
                "translation": t,
                "stale": t is not None and t.original_hash != digest,
                "machine": t is not None and t.source == Translation.Source.MACHINE,
                "form": form,
            }
        )
    add_form = (
        bound
        if bound is not None and bound.language is None
        else TranslationForm(item=item, language=None, prefix="new", exclude=set(languages), initial={"version": "new"})
    )
    provider = get_provider()
    wanted = [c for c in read_codes if not (c in existing and existing[c].original_hash == digest)]
    if machine_form is None:
        machine_form = MachineForm(initial={"languages": wanted})
    machine_form.offer(languages)
    return {
        "item": item,
        "back": reverse(BACK[model.__name__], args=[item.pk]) if model.__name__ in BACK else "",
        "kind": model._meta.verbose_name,
        "original": [(name, _field_label(model, name), value) for name, value in original.items()],
        "rows": rows,
        "add_form": add_form,
        "read": [(code, name_of(code), n) for code, n in read],
        "provider": provider,
        "machine_form": machine_form,
        "page_url": selectors.translations_url(item),
        "item_type": ContentType.objects.get_for_model(model).pk,
    }


def _field_label(model: Any, name: str) -> str:
    verbose = str(model._meta.get_field(name).verbose_name)
    return verbose[:1].upper() + verbose[1:]


@action_required(TRANSLATIONS)
def translations(request: AuthedRequest, content_type_id: int, object_id: int) -> HttpResponse:
    item = selectors.item_for(request.user, content_type_id, object_id)
    if request.method != "POST":
        return render(request, "comms/translations/item.html", _page(request, item))
    which = request.POST.get("form", "")
    code = which.removeprefix("lang-") if which.startswith("lang-") else None
    if which != "new" and (code is None or code not in CODES or code == ENGLISH):
        messages.error(request, "Choose a language to translate into.")
        return redirect(request.path)
    form = TranslationForm(request.POST, item=item, language=code, prefix=which)
    saved = submit(
        request,
        form,
        lambda data: services.save_translation(
            actor=request.user,
            item=item,
            language=form.chosen_language(),
            fields=form.translated_fields(),
            seen_version=data.get("version") or None,
        ),
        "The translation is saved. Families who read this language now see it.",
    )
    if saved:
        return redirect(f"{selectors.translations_url(item)}#{_prefix(saved.language)}")
    if code:  # saving again replaces what is saved now (shown beside the form)
        data = request.POST.copy()
        data[form.add_prefix("version")] = services.version_of(selectors.translation_in(item, code))
        form.data = data
    return render(request, "comms/translations/item.html", _page(request, item, bound=form), status=400)


@require_POST
@action_required(TRANSLATIONS)
def delete(request: AuthedRequest, content_type_id: int, object_id: int) -> HttpResponse:
    item = selectors.item_for(request.user, content_type_id, object_id)
    try:
        removed = services.delete_translation(actor=request.user, item=item, language=request.POST.get("language", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if removed:
            messages.success(request, "The translation is removed. Families who read that language see the original.")
    return redirect("comms:translations", content_type_id, object_id)


@require_POST
@action_required(TRANSLATIONS)
def machine(request: AuthedRequest, content_type_id: int, object_id: int) -> HttpResponse:
    item = selectors.item_for(request.user, content_type_id, object_id)
    form = MachineForm(request.POST)
    form.offer(sorted(CODES - {ENGLISH}))
    asked = submit(
        request,
        form,
        lambda data: services.request_machine_translation(actor=request.user, item=item, languages=data["languages"]),
        "Machine translation has been asked for. It appears here in a minute or two, labelled as such.",
    )
    if asked:
        return redirect("comms:translations", content_type_id, object_id)
    return render(request, "comms/translations/item.html", _page(request, item, machine_form=form), status=400)
