<#-- DSFR fields: a field in error gets the group's error state and its message, tied to the input. -->
<#macro input name label type="text" value="" autocomplete="" hint="" error="" autofocus=false id=name>
    <div class="fr-input-group<#if error?has_content> fr-input-group--error</#if>">
        <label class="fr-label" for="${id}">${label}
            <#if hint?has_content><span class="fr-hint-text">${hint}</span></#if>
        </label>
        <input class="fr-input<#if error?has_content> fr-input--error</#if>" id="${id}" name="${name}" type="${type}" value="${value}"
               <#if autocomplete?has_content>autocomplete="${autocomplete}"</#if> <#if autofocus>autofocus</#if> spellcheck="false" dir="ltr"
               <#if error?has_content>aria-invalid="true" aria-describedby="${id}-erreur"</#if>/>
        <#if error?has_content>
            <p id="${id}-erreur" class="fr-error-text">${kcSanitize(error)?no_esc}</p>
        </#if>
    </div>
</#macro>

<#-- The DSFR password field with its « Afficher » box (driven by the DSFR script). -->
<#macro password name label autocomplete hint="" error="" autofocus=false id=name>
    <div class="fr-password fr-mb-3w<#if error?has_content> fr-password--error</#if>" id="${id}-groupe">
        <label class="fr-label" for="${id}">${label}
            <#if hint?has_content><span class="fr-hint-text">${hint}</span></#if>
        </label>
        <div class="fr-input-wrap">
            <input class="fr-password__input fr-input<#if error?has_content> fr-input--error</#if>" id="${id}" name="${name}" type="password"
                   autocomplete="${autocomplete}" <#if autofocus>autofocus</#if> aria-describedby="${id}-messages"
                   <#if error?has_content>aria-invalid="true"</#if>/>
        </div>
        <div class="fr-messages-group" id="${id}-messages" aria-live="polite">
            <#if error?has_content><p class="fr-message fr-message--error">${kcSanitize(error)?no_esc}</p></#if>
        </div>
        <div class="fr-password__checkbox fr-checkbox-group fr-checkbox-group--sm">
            <input aria-label="Afficher le mot de passe : ${label}" id="${id}-afficher" type="checkbox">
            <label class="fr-password__checkbox fr-label" for="${id}-afficher">Afficher</label>
        </div>
        <#nested>
    </div>
</#macro>

<#-- The hint of a new password: the realm's minimum length when it has one. -->
<#function newPasswordHint>
    <#if (passwordPolicies.length)??>
        <#return "Au moins " + passwordPolicies.length?c + " caractères. Choisissez-le long et propre à ce site.">
    </#if>
    <#return "Choisissez-le long et propre à ce site.">
</#function>
