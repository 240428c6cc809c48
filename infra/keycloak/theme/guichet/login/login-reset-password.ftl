<#import "template.ftl" as layout>
<#import "fields.ftl" as fields>
<@layout.registrationLayout displayInfo=false displayMessage=!messagesPerField.existsError('username'); section>
    <#if section = "header">
        Mot de passe oublié
    <#elseif section = "form">
        <p>Indiquez l’adresse électronique de votre compte : nous vous enverrons un lien pour choisir un nouveau mot de passe. Le lien est valable peu de temps ; s’il a expiré, recommencez ici.</p>
        <form id="kc-reset-password-form" action="${url.loginAction}" method="post" novalidate>
            <@fields.input name="username" label=realm.registrationEmailAsUsername?then("Adresse électronique", "Adresse électronique ou identifiant")
                hint="Format attendu : nom@domaine.fr" value=(auth.attemptedUsername!'') autocomplete="username" autofocus=true
                error=messagesPerField.existsError('username')?then(messagesPerField.get('username'), '')/>
            <ul class="fr-btns-group">
                <li><button class="fr-btn" type="submit" id="kc-reset-submit">Recevoir le lien</button></li>
            </ul>
        </form>
        <p class="fr-mt-2w"><a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="${url.loginUrl}">Retour à la connexion</a></p>
    </#if>
</@layout.registrationLayout>
